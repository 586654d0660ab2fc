using System.IO.Compression;
using System.Text;

namespace WelfareFlow.Attachments;

/// <summary>
/// The file types a case may carry, recognised by content: a name ending in .pdf is not enough, the bytes
/// must be a PDF. Office Open XML and HWPX are ZIP packages, told apart by their entries; HWP 5 is an OLE
/// compound file.
/// </summary>
public static class AttachmentKinds
{
    public const long MaxBytes = 20L * 1024 * 1024;
    public const int MaxPerCase = 5;

    /// <summary>Longer names are refused rather than cut: a name that long is not a person's file name.</summary>
    public const int MaxFileNameLength = 200;

    /// <summary>For the file picker's <c>accept</c> and for messages.</summary>
    public const string Accept = ".pdf,.hwp,.hwpx,.docx,.pptx,.xlsx,.jpg,.jpeg,.png";

    public const string Pdf = "application/pdf";
    public const string Hwp = "application/x-hwp";
    public const string Hwpx = "application/hwp+zip";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Pptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";

    static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    static readonly byte[] OleMagic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];

    /// <summary>The content type of a file whose extension is allowed and whose content matches it; otherwise null.</summary>
    /// <param name="content">A seekable stream of the whole file; its position is left at 0.</param>
    public static string? Detect(string fileName, Stream content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var head = new byte[8];
        content.Position = 0;
        var read = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        content.Position = 0;
        var start = head.AsSpan(0, read);

        var type = extension switch
        {
            ".pdf" when start.StartsWith(PdfMagic) => Pdf,
            ".png" when start.StartsWith(PngMagic) => Png,
            ".jpg" or ".jpeg" when start.StartsWith(JpegMagic) => Jpeg,
            ".hwp" when start.StartsWith(OleMagic) => Hwp,
            ".docx" when start.StartsWith(ZipMagic) && HasEntry(content, "word/document.xml") => Docx,
            ".pptx" when start.StartsWith(ZipMagic) && HasEntry(content, "ppt/presentation.xml") => Pptx,
            ".xlsx" when start.StartsWith(ZipMagic) && HasEntry(content, "xl/workbook.xml") => Xlsx,
            ".hwpx" when start.StartsWith(ZipMagic) && IsHwpx(content) => Hwpx,
            _ => null,
        };
        content.Position = 0;
        return type;
    }

    /// <summary>A file name fit to store and to offer back: no folders, no control characters, not too long.</summary>
    public static string SafeFileName(string? fileName)
    {
        var name = (fileName ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string(name.Where(c => !char.IsControl(c) && c is not '"' and not '<' and not '>' and not ':' and not '|' and not '?' and not '*').ToArray()).Trim().Trim('.');
        if (name.Length > 150)
        {
            // Only a short extension is worth keeping; "a." and 200 letters has none.
            var extension = Path.GetExtension(name) is { Length: <= 10 } kept ? kept : "";
            name = name[..(150 - extension.Length)] + extension;
        }

        return name.Length == 0 ? "attachment" : name;
    }

    static bool HasEntry(Stream content, string entryName) =>
        WithZip(content, zip => zip.GetEntry(entryName) is not null);

    static bool IsHwpx(Stream content) => WithZip(content, zip =>
    {
        if (zip.GetEntry("mimetype") is { Length: < 256 } mimetype)
        {
            using var reader = new StreamReader(mimetype.Open(), Encoding.ASCII);
            if (reader.ReadToEnd().Trim() == Hwpx) return true;
        }

        return zip.Entries.Any(e => e.FullName.StartsWith("Contents/", StringComparison.Ordinal));
    });

    static bool WithZip(Stream content, Func<ZipArchive, bool> test)
    {
        try
        {
            content.Position = 0;
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            return test(zip);
        }
        catch (InvalidDataException)
        {
            return false;
        }
        finally
        {
            content.Position = 0;
        }
    }
}
