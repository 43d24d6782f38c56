/** Implementation of the refinement bundle: loading the .ecore, strict XMI resources, numerical helpers. */
package org.activestructopt.refinement.internal;
