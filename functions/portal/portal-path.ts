/**
 * Where the portal's pages are: under `/portal/` on the public site's own address (CloudFront sends
 * that path to the portal's function, everything else to the published reports), and the same on
 * this machine. Routes are written without it; every link and redirect a browser follows has it.
 */
export const PORTAL_PATH = '/portal';
