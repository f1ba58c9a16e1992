/** Shared with the browser: the PIN's shape (digits and capitals without the look-alikes 0/O, 1/I/L), nothing secret. */
export const PIN_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const PIN_LENGTH = 10;
