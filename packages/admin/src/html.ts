import htm from "htm";
import { h } from "preact";

/** Preact's `h` bound to htm: JSX-like templates without a compile step. */
export const html = htm.bind(h);
