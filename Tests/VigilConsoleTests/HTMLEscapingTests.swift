import Testing
import VigilConsole

@Suite("HTML escaping")
struct HTMLEscapingTests {
    @Test("the escaper turns markup characters into references and keeps any other Unicode")
    func escaper() {
        #expect(HTMLEscaper.escape("<script>alert('x')</script>") == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        #expect(HTMLEscaper.escape("\"><img src=x onerror=alert(1)>") == "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;")
        #expect(HTMLEscaper.escape("Rolex 高仿 AAA & co 🙂") == "Rolex 高仿 AAA &amp; co 🙂")
        #expect(HTMLEscaper.escape("plain") == "plain")
    }

    @Test("interpolated text is escaped, literal and nested markup is not")
    func interpolation() {
        let title = "<b>bold</b>"
        let optional: String? = "\"quoted\""
        let inner: HTML = "<i>\(title)</i>"
        let html: HTML = "<td title=\"\(optional)\">\(title)\(inner)\(42)</td>"
        #expect(html.markup == "<td title=\"&quot;quoted&quot;\">&lt;b&gt;bold&lt;/b&gt;<i>&lt;b&gt;bold&lt;/b&gt;</i>42</td>")
    }

    @Test("form fields decode + and percent escapes; the first of a repeated name wins")
    func formFields() {
        let fields = FormFields("brand=Louis+Vuitton&province=%E5%B9%BF%E4%B8%9C&brand=other&empty=&note=a%26b%3Dc")
        #expect(fields["brand"] == "Louis Vuitton")
        #expect(fields["province"] == "广东")
        #expect(fields["empty"] == nil)
        #expect(fields["note"] == "a&b=c")
        #expect(FormFields(FormFields.query(["id": "m 1/<x>&y"]))["id"] == "m 1/<x>&y")
    }
}
