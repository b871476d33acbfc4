/**
 * @module vite-app
 * Mounts Causette through the npm API: a quote box and the comments of one page, each
 * into an element of the app, and unmounts them cleanly.
 */
import { mountClickToTweet, mountComments } from "@causette/widget";

const server = import.meta.env.VITE_CAUSETTE_SERVER ?? "http://localhost:8787";
// In an app, the URL may not be the post's permanent address: name the page explicitly.
const page = "/vite-app/hello/";

function mountAll(): () => void {
  // The element's text is the quote; `via` and `hashtags` go into the post on X.
  const unmountQuote = mountClickToTweet(document.querySelector<HTMLElement>("#quote")!, {
    server,
    page,
    via: "causette",
    hashtags: ["selfhosted"],
  });
  const unmountComments = mountComments(document.querySelector<HTMLElement>("#comments")!, {
    server,
    page,
    pageTitle: "Causette in a Vite app",
    locale: "en",
  });
  return () => {
    unmountQuote();
    unmountComments();
  };
}

let unmount = mountAll();
document.querySelector("#remount")!.addEventListener("click", () => {
  unmount();
  unmount = mountAll();
});
