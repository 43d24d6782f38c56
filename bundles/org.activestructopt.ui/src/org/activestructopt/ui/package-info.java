/**
 * The ActiveStructOpt workbench: the "Structure Refinement" perspective with the spectra and structure views, the
 * commands that open NeXus targets and CIF files, and the preference page. Only identifiers are public; views and
 * handlers are contributed through {@code plugin.xml}.
 */
package org.activestructopt.ui;
