/**
 * The registrations of an event as an Excel workbook (.xlsx): {@link XlsxExport}.
 * Streams with fastexcel, so an export of 100,000 registrations runs in a small heap; every cell is text, so
 * nothing in it is evaluated as a formula.
 */
package nl.learningcommunities.registration.xlsx;
