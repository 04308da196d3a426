// Progressive enhancement only: every page works with JavaScript off.
import { initAll } from '../../govuk/govuk-frontend.min.js'
import { closeFiltersOnApply } from './directory-filters.js'
import { startSessionTimeoutWarning } from './session-timeout.js'

initAll()
startSessionTimeoutWarning(document.getElementById('session-timeout'))
closeFiltersOnApply(document.querySelector('details.convene-filters'))
