/// The console's page frame: title, navigation and one inline style sheet. No scripts, no
/// fonts, no images from anywhere: the page works offline and under a strict
/// `Content-Security-Policy`. Referrers are sent to the console itself only (`same-origin`): with
/// `no-referrer` browsers send `Origin: null` on the console's own form posts, which
/// ``ConsoleAccess`` refuses.
enum PageLayout {
    /// A whole page.
    static func page(title: String, paths: ConsolePaths, body: HTML) -> HTML {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="same-origin">
        <title>\(title) · Vigil console</title><style>\(HTML(stringLiteral: style))</style></head>
        <body><header><a class="brand" href="\(paths.leads())">Vigil · investigators' console</a></header>
        <main>\(body)</main></body></html>
        """
    }

    static let style = """
        body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#1c2430;background:#f6f7f9}
        header{background:#1c2430;padding:.6em 1.2em}header a.brand{color:#fff;text-decoration:none;font-weight:600}
        main{padding:1em 1.4em;max-width:1400px}h1{font-size:1.4em;margin:.2em 0 .6em}h2{font-size:1.1em;margin:1.4em 0 .4em}
        table{border-collapse:collapse;background:#fff;width:100%}th,td{border-bottom:1px solid #e2e5ea;padding:.3em .5em;text-align:left;vertical-align:top}
        th{background:#eef0f3;font-weight:600}td.num,th.num{text-align:right}a{color:#1f5fbf}
        .score{display:inline-block;min-width:2.2em;text-align:center;border-radius:3px;padding:0 .3em;font-weight:600}
        .score.high{background:#f8d4d4;color:#8a1111}.score.mid{background:#fbe9c6;color:#7a4b00}.score.low{background:#dcefdc;color:#1d5c1d}
        .decision.intercept{color:#8a1111;font-weight:600}.decision.review{color:#7a4b00}.decision.allow{color:#1d5c1d}
        form.filters{display:flex;gap:1em;align-items:end;margin-bottom:1em;flex-wrap:wrap}label{display:flex;flex-direction:column;font-size:.9em}
        .notice{background:#e4f0ff;border:1px solid #9cc2f0;padding:.5em .8em;margin:.6em 0}.muted{color:#6b7480}
        .facts{display:flex;gap:2em;flex-wrap:wrap;margin-bottom:.6em}.facts div{display:flex;flex-direction:column}
        .grid{display:grid;grid-template-columns:minmax(300px,460px) 1fr;gap:1.5em}.actions form{display:inline}
        .actions button{margin-right:.5em}code{font-size:.92em}svg text{font:10px system-ui,sans-serif}
        """
}
