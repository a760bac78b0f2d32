"use client";

/** Opens the browser's print dialog (print to PDF); hidden on paper. */
export function PrintButton() {
  return (
    <button type="button" className="btn-primary print:hidden" onClick={() => window.print()}>
      Print or save as PDF
    </button>
  );
}
