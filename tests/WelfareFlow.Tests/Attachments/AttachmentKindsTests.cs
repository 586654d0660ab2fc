using WelfareFlow.Attachments;

namespace WelfareFlow.Tests.Attachments;

public sealed class AttachmentKindsTests
{
    public static TheoryData<string, byte[], string> Accepted => new()
    {
        { "보고서.pdf", SampleFiles.Pdf(), AttachmentKinds.Pdf },
        { "사진.PNG", SampleFiles.Png(), AttachmentKinds.Png },
        { "현장.jpg", SampleFiles.Jpeg(), AttachmentKinds.Jpeg },
        { "현장.jpeg", SampleFiles.Jpeg(), AttachmentKinds.Jpeg },
        { "사업계획.hwp", SampleFiles.Hwp(), AttachmentKinds.Hwp },
        { "사업계획.hwpx", SampleFiles.Hwpx(), AttachmentKinds.Hwpx },
        { "성과.docx", SampleFiles.Docx(), AttachmentKinds.Docx },
        { "발표.pptx", SampleFiles.Pptx(), AttachmentKinds.Pptx },
        { "예산.xlsx", SampleFiles.Xlsx(), AttachmentKinds.Xlsx },
    };

    public static TheoryData<string, byte[]> Refused => new()
    {
        { "script.exe", SampleFiles.Pdf() },
        { "disguised.pdf", "MZ\u0090\0 executable"u8.ToArray() },
        { "png-named.pdf", SampleFiles.Png() },
        { "word-as-slides.pptx", SampleFiles.Docx() },
        { "zip.docx", SampleFiles.PlainZip() },
        { "zip.hwpx", SampleFiles.PlainZip() },
        { "broken.xlsx", [0x50, 0x4B, 0x03, 0x04, 1, 2, 3] },
        { "ole-but-doc.docx", SampleFiles.Hwp() },
        { "empty.png", [] },
        { "no-extension", SampleFiles.Pdf() },
        { "page.html", "<html><script>alert(1)</script>"u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Detect_ContentMatchesAllowedExtension_ReturnsContentType(string name, byte[] content, string expected)
    {
        using var stream = new MemoryStream(content);
        Assert.Equal(expected, AttachmentKinds.Detect(name, stream));
        Assert.Equal(0, stream.Position);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void Detect_WrongContentOrExtension_ReturnsNull(string name, byte[] content)
    {
        using var stream = new MemoryStream(content);
        Assert.Null(AttachmentKinds.Detect(name, stream));
    }

    [Theory]
    [InlineData("C:\\Users\\동장\\사례 보고서.pdf", "사례 보고서.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("a\"b<c>d.pdf", "abcd.pdf")]
    [InlineData("line\r\nbreak.pdf", "linebreak.pdf")]
    [InlineData("...", "attachment")]
    [InlineData(null, "attachment")]
    public void SafeFileName_PathsAndControlCharacters_Removed(string? given, string expected) =>
        Assert.Equal(expected, AttachmentKinds.SafeFileName(given));

    [Fact]
    public void SafeFileName_VeryLong_KeepsExtension()
    {
        var name = AttachmentKinds.SafeFileName(new string('가', 300) + ".pdf");
        Assert.Equal(150, name.Length);
        Assert.EndsWith(".pdf", name, StringComparison.Ordinal);
    }
}
