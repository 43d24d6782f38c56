/** Implementation details of the spectra bundle; not API. */
package org.activestructopt.spectra.internal;
