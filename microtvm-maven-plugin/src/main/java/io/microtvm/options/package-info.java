/**
 * Checking users' microTVM template options against the template's own {@code ProjectOption}
 * metadata before any Project API call: parsing the command-line form, converting strings to the
 * declared types, filling defaults, reporting every problem at once, and the text of
 * {@code microtvm:list-options}. Plain Java; no Maven types.
 */
package io.microtvm.options;
