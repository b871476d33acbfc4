import { describe, expect, it } from "vitest";
import { decodeEntities, email, httpUrl, isoDate, oneLine, pageIdFromUrl, wpDateToIso } from "./text.js";

describe("export field cleaners", () => {
  it("derive the page id the widget derives", () => {
    expect(pageIdFromUrl("https://blog.example/2016/08/post/")).toBe("/2016/08/post/");
    expect(pageIdFromUrl("https://blog.example/2016/08/post/index.html?utm=x#c")).toBe("/2016/08/post/");
    expect(pageIdFromUrl("https://blog.example/post")).toBe("/post");
    expect(pageIdFromUrl("ftp://blog.example/post/")).toBeNull();
    expect(pageIdFromUrl("not a url")).toBeNull();
  });

  it("read WordPress and Disqus dates as UTC", () => {
    expect(wpDateToIso("2014-01-14 17:32:12")).toBe("2014-01-14T17:32:12.000Z");
    expect(wpDateToIso("0000-00-00 00:00:00")).toBeNull();
    expect(wpDateToIso("2014-13-40 99:00:00")).toBeNull();
    expect(wpDateToIso(" 2014-01-14T17:32:12\n")).toBe("2014-01-14T17:32:12.000Z");
    expect(wpDateToIso("2014-01-14 17:32")).toBeNull();
    // Every corner of the calendar reads as Date reads it, whichever way it is computed.
    for (const y of ["0001", "1999", "2000", "2021", "2024"])
      for (const mo of ["00", "01", "02", "04", "12", "13"])
        for (const d of ["00", "01", "28", "29", "30", "31", "32"])
          for (const [h, mi, s] of [
            ["00", "00", "00"],
            ["23", "59", "59"],
            ["24", "00", "00"],
            ["12", "60", "00"],
            ["12", "00", "60"],
          ]) {
            const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
            expect(wpDateToIso(`${y}-${mo}-${d} ${h}:${mi}:${s}`), `${y}-${mo}-${d} ${h}:${mi}:${s}`).toBe(
              Number.isNaN(date.getTime()) ? null : date.toISOString(),
            );
          }
    expect(isoDate("2013-10-10T21:20:29+02:00")).toBe("2013-10-10T19:20:29.000Z");
    expect(isoDate("yesterday")).toBeNull();
  });

  it("keep only http(s) websites and plausible e-mails", () => {
    expect(httpUrl(" https://a.example/x ")).toBe("https://a.example/x");
    expect(httpUrl("javascript:alert(1)")).toBeNull();
    expect(httpUrl("data:text/html,x")).toBeNull();
    expect(email(" ana@example.org\n")).toBe("ana@example.org");
    expect(email("not an address")).toBeNull();
  });

  it("turn names and titles into one line of plain text", () => {
    expect(oneLine("Ping 1 &laquo; What&#8217;s a tellyworth?", 100)).toBe("Ping 1 « What’s a tellyworth?");
    expect(oneLine("  Tom\n\t&amp;  Jerry\u0000\u0007 ", 100)).toBe("Tom & Jerry");
    expect(oneLine("😀".repeat(150), 100)).toBe("😀".repeat(100));
    expect(decodeEntities("&lt;script&gt; &#xD800; &bogus;")).toBe("<script> &#xD800; &bogus;");
  });
});
