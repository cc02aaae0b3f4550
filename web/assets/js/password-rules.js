// The server's password rules, told before submit. The server stays the judge: it also refuses
// the 10,000 most common passwords (400 weak_password), which this file does not ship.
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export const PASSWORD_HINT = `${PASSWORD_MIN} to ${PASSWORD_MAX} characters. Not your email address, and not a common password.`;

/** What is wrong with `password` for the account `email`, or null if nothing we can tell. */
export function passwordProblem(password, email = '') {
  // Counted like the server counts: Unicode code points, so an emoji is one character, not two.
  const length = [...password].length;
  if (length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters (this one has ${length}).`;
  if (length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters (this one has ${length}).`;
  if (email && password.trim().toLowerCase() === email.trim().toLowerCase()) return 'Choose a password other than your email address.';
  return null;
}
