import type { DemoPage } from "./types.js";

/** The English example post's discussion: 9 comments, up to three levels deep. */
export const ENGLISH_POST: DemoPage = {
  id: "/en/notebook-not-calendar/",
  title: "Keep a notebook, not a content calendar",
  shares: { x: 12, linkedin: 8, bluesky: 5, mastodon: 4, email: 2 },
  comments: [
    {
      key: "priya",
      name: "Priya",
      website: "https://example.com/priya-bakes",
      at: "2025-10-06T08:10:00Z",
      votes: 4,
      body: `I switched to a notebook last spring and never looked back. One tip: I write the date and *where* the question came from next to it (comment, email, market stall).

After a few months you can see which channel brings the most interesting questions.`,
    },
    {
      key: "priya-selma",
      parent: "priya",
      name: "Selma",
      moderator: true,
      at: "2025-10-06T12:34:00Z",
      votes: 2,
      body: "That’s a lovely refinement, Priya. I might steal it: I only note the words, never the source.",
    },
    {
      key: "priya-selma-priya",
      parent: "priya-selma",
      name: "Priya",
      website: "https://example.com/priya-bakes",
      at: "2025-10-07T07:05:00Z",
      body: "Steal away! For me, the market questions were the surprise: people ask things face to face that they would never type.",
    },
    {
      key: "tom",
      name: "Tom",
      at: "2025-10-06T19:47:00Z",
      votes: 1,
      body: `Devil’s advocate: my calendar is what keeps me writing at all. Without a deadline I would publish twice a year.

Could the two live together? A calendar for *when*, the notebook for *what*?`,
    },
    {
      key: "tom-selma",
      parent: "tom",
      name: "Selma",
      moderator: true,
      at: "2025-10-07T09:12:00Z",
      votes: 3,
      body: "Absolutely, Tom. If a fixed day keeps you going, keep the day and let the notebook fill it. What I threw away was planning the *topics* months ahead.",
    },
    {
      key: "tom-selma-grace",
      parent: "tom-selma",
      name: "Grace",
      at: "2025-10-08T14:20:00Z",
      body: "This is how I work too: one slot every other Thursday, and the topic is whatever question came up most since the last one.",
    },
    {
      key: "leo",
      name: "Léo",
      at: "2025-10-09T11:02:00Z",
      body: "Paper or app? I keep losing paper notebooks, but every app I try turns into yet another to-do list.",
    },
    {
      key: "leo-selma",
      parent: "leo",
      name: "Selma",
      moderator: true,
      at: "2025-10-09T16:45:00Z",
      body: "Paper for me, because it is slow and I can’t schedule anything in it. But the tool matters less than the habit: one question per line, in the reader’s own words.",
    },
    {
      key: "hana",
      name: "Hana",
      at: "2025-10-14T20:31:00Z",
      votes: 2,
      body: "Just did step one of your list with twenty comments: eleven questions, four of them the same one. Writing that post this weekend. Thank you!",
    },
  ],
};
