// The directory's "Filter results" (directory/search.html). Without JavaScript, "Apply
// filters" reloads the page, which closes it and shows the results. With htmx the page
// stays, so do the same: close it and move focus to the results, which the new ones
// replace. Only if the reader opened it: on wide screens it is shown without being opened.
export function closeFiltersOnApply (filters) {
  if (!filters) return
  const results = document.getElementById(filters.dataset.results)
  filters.querySelector('[data-filters-apply]').addEventListener('click', () => {
    if (!filters.open) return
    filters.open = false
    // As GOV.UK's skip link focuses its target: focusable for now, without an outline.
    results.setAttribute('tabindex', '-1')
    results.classList.add('govuk-skip-link-focused-element')
    results.addEventListener('blur', () => {
      results.removeAttribute('tabindex')
      results.classList.remove('govuk-skip-link-focused-element')
    }, { once: true })
    results.focus()
  })
}
