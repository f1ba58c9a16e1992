/** Shown wherever a parent can write to the office, and on the home page. */
export function EmergencyNotice() {
  return (
    <div
      role="note"
      aria-label="Not for emergencies"
      className="rounded-md border-l-4 border-red-700 bg-red-50 p-4 text-red-950"
    >
      <p className="font-semibold">The patient portal is not for emergencies.</p>
      <p>In an emergency, call 911 or go to the nearest emergency room.</p>
    </div>
  );
}
