using System.Text;
using System.Xml;
using WsisTracker.Core.Feeds;

namespace WsisTracker.Web.Infrastructure;

/// <summary>
/// Writes an <see cref="UpdateFeed"/> as an Atom 1.0 document (RFC 4287). Every value passes <see cref="XmlText"/>:
/// the domain refuses characters XML cannot hold, but text stored before that rule (or written around it) must not
/// make the writer throw and the feed answer 500 for everyone.
/// </summary>
public static class AtomFeed
{
    public const string ContentType = "application/atom+xml; charset=utf-8";
    private const string Ns = "http://www.w3.org/2005/Atom";

    /// <param name="feed">The updates.</param>
    /// <param name="selfUrl">The absolute URL of the feed itself.</param>
    /// <param name="pageUrl">The absolute URL of the page the feed follows.</param>
    /// <param name="baseUrl">The site's absolute base URL, without a trailing slash.</param>
    public static string Write(UpdateFeed feed, string selfUrl, string pageUrl, string baseUrl)
    {
        var text = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false };
        using (var xml = XmlWriter.Create(new Utf8StringWriter(text), settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Ns);
            xml.WriteElementString("id", Ns, $"urn:wsis-tracker:feed:{feed.Key}");
            xml.WriteElementString("title", Ns, XmlText(feed.Title));
            xml.WriteElementString("updated", Ns, PageFormat.IsoInstant(feed.Updated ?? DateTimeOffset.UnixEpoch));
            WriteLink(xml, "self", selfUrl, "application/atom+xml");
            WriteLink(xml, "alternate", pageUrl, "text/html");
            xml.WriteStartElement("author", Ns);
            xml.WriteElementString("name", Ns, "WSIS Tracker");
            xml.WriteEndElement();
            foreach (var entry in feed.Entries)
            {
                xml.WriteStartElement("entry", Ns);
                xml.WriteElementString("id", Ns, $"urn:wsis-tracker:progress-update:{entry.Id}");
                var synthetic = entry.IsSynthetic ? " [synthetic demo data]" : "";
                xml.WriteElementString("title", Ns, XmlText($"{entry.CommitmentTitle}: {PageFormat.Status(entry.Status)}, {PageFormat.Percent(entry.ProgressPercent)}{synthetic}"));
                xml.WriteElementString("updated", Ns, PageFormat.IsoInstant(entry.RecordedAt));
                WriteLink(xml, "alternate", $"{baseUrl}/commitments/{entry.CommitmentId}", "text/html");
                xml.WriteStartElement("author", Ns);
                xml.WriteElementString("name", Ns, XmlText(entry.Author));
                xml.WriteEndElement();
                var summary = $"As of {PageFormat.Date(entry.AsOf)}: {PageFormat.Status(entry.Status)}, {PageFormat.Percent(entry.ProgressPercent)}."
                    + (entry.Note is { Length: > 0 } note ? " " + note : "")
                    + (entry.EvidenceLinks.Count > 0 ? " Evidence: " + string.Join(" ", entry.EvidenceLinks) : "")
                    + synthetic;
                xml.WriteStartElement("summary", Ns);
                xml.WriteAttributeString("type", "text");
                xml.WriteString(XmlText(summary));
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return text.ToString();
    }

    /// <summary>The text with every character XML 1.0 cannot hold (controls, unpaired surrogates, U+FFFE/U+FFFF) replaced by U+FFFD.</summary>
    public static string XmlText(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                builder.Append(text, i, 2);
                i++;
            }
            else
            {
                builder.Append(XmlConvert.IsXmlChar(text[i]) ? text[i] : '\uFFFD');
            }
        }

        return builder.ToString();
    }

    private static void WriteLink(XmlWriter xml, string rel, string href, string type)
    {
        xml.WriteStartElement("link", Ns);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", XmlText(href));
        xml.WriteEndElement();
    }

    private sealed class Utf8StringWriter(StringBuilder builder) : StringWriter(builder)
    {
        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
