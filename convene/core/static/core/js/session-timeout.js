// Warn a signed-in user before the idle timeout signs them out, and let them stay signed in.
export function startSessionTimeoutWarning (banner) {
  if (!banner) return
  const idleMs = Number(banner.dataset.idleMinutes) * 60 * 1000
  const warnMs = Number(banner.dataset.warningMinutes) * 60 * 1000
  const form = banner.querySelector('form')
  let warnTimer, signOutTimer

  function schedule () {
    clearTimeout(warnTimer)
    clearTimeout(signOutTimer)
    banner.hidden = true
    warnTimer = setTimeout(() => {
      banner.hidden = false
      banner.querySelector('button').focus()
    }, Math.max(idleMs - warnMs, 0))
    signOutTimer = setTimeout(() => {
      window.location.assign(banner.dataset.signedOutUrl)
    }, idleMs)
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault()
    fetch(banner.dataset.keepAliveUrl, {
      method: 'POST',
      body: new FormData(form),
      credentials: 'same-origin',
      headers: { 'X-Requested-With': 'fetch' }
    }).then((response) => {
      if (response.ok) schedule()
      else window.location.assign(banner.dataset.signedOutUrl)
    })
  })
  schedule()
}
