namespace WsisTracker.Core.Resolutions.Parsing;

/// <summary>The two shapes in which the UN publishes the text of a resolution.</summary>
public enum ResolutionTextForm
{
    /// <summary>
    /// Export from the Official Document System: one line per paragraph, operative paragraphs written
    /// "&lt;TAB&gt;N.&lt;TAB&gt;text", footnote texts after the closing meeting line, then a metadata trailer.
    /// </summary>
    OdsExport,

    /// <summary>
    /// Plain text extracted from the official PDF: wrapped lines, running page headers, and each page's
    /// footnotes at the foot of that page.
    /// </summary>
    PdfText,
}
