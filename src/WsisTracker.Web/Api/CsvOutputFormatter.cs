using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc.Formatters;
using Microsoft.Net.Http.Headers;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Common;
using WsisTracker.Core.Resolutions;
using WsisTracker.Core.Stakeholders;
using WsisTracker.Web.Api.Contracts;

namespace WsisTracker.Web.Api;

/// <summary>
/// <c>Accept: text/csv</c> on a collection: the same rows as the JSON items, one line each, written by the one CSV
/// writer <see cref="Csv"/> (RFC 4180, formulas neutralised, <c>;</c> quoted).
/// </summary>
public sealed class CsvOutputFormatter : TextOutputFormatter
{
    public const string MediaType = "text/csv";

    public CsvOutputFormatter()
    {
        SupportedMediaTypes.Add(MediaTypeHeaderValue.Parse(MediaType));
        SupportedEncodings.Add(Encoding.UTF8);
    }

    protected override bool CanWriteType(Type? type) => ColumnsFor(type) is not null;

    /// <summary>The header row of the CSV form of a response type, or null when it has none (the OpenAPI document says the same).</summary>
    public static IReadOnlyList<string>? ColumnsFor(Type? type) =>
        type == typeof(CommitmentPage) ? CommitmentColumns
        : type is not null && typeof(IEnumerable<StakeholderModel>).IsAssignableFrom(type) ? StakeholderColumns
        : null;

    public override async Task WriteResponseBodyAsync(OutputFormatterWriteContext context, Encoding selectedEncoding)
    {
        var (header, rows) = context.Object switch
        {
            CommitmentPage page => (CommitmentColumns, page.Items.Select(CommitmentRow)),
            IEnumerable<StakeholderModel> stakeholders => (StakeholderColumns, stakeholders.Select(StakeholderRow)),
            _ => throw new InvalidOperationException($"No CSV form for {context.ObjectType}."),
        };
        var cancellationToken = context.HttpContext.RequestAborted;
        await using var csv = new StreamWriter(context.HttpContext.Response.Body, new UTF8Encoding(false), bufferSize: 16 * 1024, leaveOpen: true);
        await csv.WriteAsync(Csv.Row(header).AsMemory(), cancellationToken);
        foreach (var row in rows)
        {
            await csv.WriteAsync(Csv.Row(row).AsMemory(), cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    private static readonly string[] CommitmentColumns =
        ["id", "code", "title", "status", "progressPercent", "targetDate", "isOverdue", "reportingCadence", "paragraphs", "actionLines", "leadStakeholders", "partnerStakeholders", "isSynthetic", "withdrawnAt", "updatedAt", "isVoluntary", "scopeKind", "scopeRegions", "scopeCountries"];

    private static readonly string[] StakeholderColumns = ["id", "slug", "name", "acronym", "group", "countryCode", "website", "isSynthetic"];

    private static string[] CommitmentRow(CommitmentSummary c) =>
    [
        Invariant(c.Id),
        c.Code,
        c.Title,
        Camel(c.Status.ToString()),
        c.ProgressPercent is { } p ? Invariant(p) : "",
        c.TargetDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
        c.IsOverdue ? "true" : "false",
        c.ReportingCadence is { } cadence ? Camel(cadence.ToString()) : "",
        string.Join("; ", c.Paragraphs.Select(p => p.Number is { } n ? $"{p.Resolution} para {n}{(p.SubParagraph is { } sub ? " " + ParagraphAnchor.SubParagraphLabel(sub) : "")}" : p.Resolution)),
        string.Join("; ", c.ActionLines),
        string.Join("; ", c.Stakeholders.Where(s => s.Role == StakeholderRole.Lead).Select(s => s.Slug)),
        string.Join("; ", c.Stakeholders.Where(s => s.Role == StakeholderRole.Partner).Select(s => s.Slug)),
        c.IsSynthetic ? "true" : "false",
        c.WithdrawnAt?.ToString("O", CultureInfo.InvariantCulture) ?? "",
        c.UpdatedAt.ToString("O", CultureInfo.InvariantCulture),
        c.IsVoluntary ? "true" : "false",
        Camel(c.Scope.Kind.ToString()),
        string.Join("; ", c.Scope.Regions),
        string.Join("; ", c.Scope.Countries),
    ];

    private static string[] StakeholderRow(StakeholderModel s) =>
        [Invariant(s.Id), s.Slug, s.Name, s.Acronym ?? "", Camel(s.Group.ToString()), s.CountryCode ?? "", s.Website ?? "", s.IsSynthetic ? "true" : "false"];

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Camel(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);
}
