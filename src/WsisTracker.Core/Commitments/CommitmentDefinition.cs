using WsisTracker.Core.Common;
using WsisTracker.Core.Indicators;

namespace WsisTracker.Core.Commitments;

/// <summary>A paragraph a commitment cites: the resolution's slug and the operative paragraph number.</summary>
public sealed record ParagraphKey(string Resolution, int Number)
{
    /// <summary>The annex the paragraph stands in ("annex", "annex-ii"), or null for the resolution's own paragraphs.</summary>
    public string? Part { get; init; }

    /// <summary>
    /// The sub-paragraph cited within the paragraph, its labels joined by hyphens as in the reader's anchor ("b" for
    /// (b), "b-ii" for (b) (ii)); null when the paragraph is cited as a whole.
    /// </summary>
    public string? SubParagraph { get; init; }
}

/// <summary>A found citation: the paragraph's id and the sub-paragraph cited in it, if any (<see cref="ParagraphKey.SubParagraph"/>).</summary>
public sealed record ParagraphCitationTarget(int ParagraphId, string? SubParagraph);

public sealed record MilestoneInput(string Title, DateOnly? DueDate, DateOnly? CompletedDate);

/// <summary>What an editor or a tool says a commitment is; references are by stable key (slug, code, number).</summary>
public sealed record CommitmentInput(
    string? Title,
    string? Description,
    IReadOnlyList<ParagraphKey>? Paragraphs,
    IReadOnlyList<string>? ActionLines,
    IReadOnlyList<string>? LeadStakeholders,
    IReadOnlyList<string>? PartnerStakeholders,
    DateOnly? TargetDate,
    string? TargetDateText,
    ReportingCadence? ReportingCadence,
    IReadOnlyList<MilestoneInput>? Milestones)
{
    /// <summary>Where the commitment applies (<see cref="GeographicScope.Validate"/>); none leaves it as it is (global for a new commitment).</summary>
    public GeographicScopeInput? Scope { get; init; }
    /// <summary>The indicator its measurable target is read on; null or empty for none (<see cref="IndicatorLink.Validate"/>).</summary>
    public IndicatorLinkInput? Indicator { get; init; }
}

/// <summary>A <see cref="CommitmentInput"/> whose references were found, ready for <see cref="Commitment.Define"/>.</summary>
public sealed record CommitmentDefinition(
    string Title,
    string Description,
    IReadOnlyList<ParagraphCitationTarget> Paragraphs,
    IReadOnlyList<int> ActionLineIds,
    IReadOnlyList<int> LeadIds,
    IReadOnlyList<int> PartnerIds,
    DateOnly? TargetDate,
    string? TargetDateText,
    ReportingCadence? ReportingCadence,
    IReadOnlyList<MilestoneInput> Milestones)
{
    /// <summary>The validated geographic scope; null leaves the commitment's as it is.</summary>
    public GeographicScope? Scope { get; init; }
    /// <summary>The indicator its measurable target is read on, checked against the imported series; null for none.</summary>
    public IndicatorLink? Indicator { get; init; }

    public const int MaxMilestones = 50;
    public static readonly DateOnly EarliestDate = new(2000, 1, 1);
    public static readonly DateOnly LatestDate = new(2100, 12, 31);

    /// <summary>
    /// The rules of a commitment's definition: a title and a description within their lengths; at least one source
    /// paragraph, one action line and one lead stakeholder, each of which exists (unknown keys are reported by the
    /// caller, which resolves them); dates between 2000 and 2100; at most <see cref="MaxMilestones"/> milestones, each
    /// titled, none completed in the future. Every text and key is plain text (<see cref="PlainText"/>), so no entry
    /// point (form, POST, PUT, PATCH, CSV) stores a character that the database or the feeds cannot hold.
    /// </summary>
    public static void Validate(CommitmentInput input, DateOnly today, FieldErrors errors)
    {
        Require(input.Title, "title", Limits.ShortText, errors);
        Require(input.Description, "description", Limits.Description, errors);
        if (input.Paragraphs is not { Count: > 0 })
        {
            errors.Add("paragraphs", "Cite at least one paragraph of a resolution.");
        }

        if (input.ActionLines is not { Count: > 0 })
        {
            errors.Add("actionLines", "Choose at least one action line.");
        }

        if (input.LeadStakeholders is not { Count: > 0 })
        {
            errors.Add("leadStakeholders", "Name at least one lead stakeholder.");
        }

        NoBlankKeys(input.ActionLines, "actionLines", "An action-line code is empty.", errors);
        NoBlankKeys(input.LeadStakeholders, "leadStakeholders", "A stakeholder slug is empty.", errors);
        NoBlankKeys(input.PartnerStakeholders, "partnerStakeholders", "A stakeholder slug is empty.", errors);
        CheckDate(input.TargetDate, "targetDate", errors);
        if (input.TargetDateText is { Length: > Limits.ShortText })
        {
            errors.Add("targetDateText", $"At most {Limits.ShortText} characters.");
        }

        PlainText.Check(input.TargetDateText, "targetDateText", errors);
        PlainKeys(input.Paragraphs?.Select(p => p?.Resolution), "paragraphs", errors);
        if ((input.Paragraphs ?? []).Any(p => p?.SubParagraph is { } sub && !IsSubParagraphPath(sub)))
        {
            errors.Add("paragraphs", "A sub-paragraph is named by its labels joined by hyphens, such as b for (b) or b-ii for (b) (ii).");
        }

        PlainKeys(input.ActionLines, "actionLines", errors);
        PlainKeys(input.LeadStakeholders, "leadStakeholders", errors);
        PlainKeys(input.PartnerStakeholders, "partnerStakeholders", errors);

        if (input.ReportingCadence is { } cadence && !Enum.IsDefined(cadence))
        {
            errors.Add("reportingCadence", "Not a known reporting cadence.");
        }

        var milestones = input.Milestones ?? [];
        if (milestones.Count > MaxMilestones)
        {
            errors.Add("milestones", $"At most {MaxMilestones} milestones.");
        }

        for (var i = 0; i < milestones.Count; i++)
        {
            var milestone = milestones[i];
            Require(milestone?.Title, $"milestones[{i}].title", Limits.ShortText, errors);
            CheckDate(milestone?.DueDate, $"milestones[{i}].dueDate", errors);
            CheckDate(milestone?.CompletedDate, $"milestones[{i}].completedDate", errors);
            if (milestone?.CompletedDate is { } done && done > today)
            {
                errors.Add($"milestones[{i}].completedDate", "A milestone cannot be completed in the future.");
            }
        }
    }

    /// <summary>
    /// A sub-paragraph path as <see cref="ParagraphKey.SubParagraph"/> writes it: one or two labels of lower-case
    /// letters ("b", "b-ii"), as the reader's anchors name them.
    /// </summary>
    public static bool IsSubParagraphPath(string path) =>
        path.Length <= Limits.SubParagraphPath
        && path.Split('-') is { Length: >= 1 and <= 2 } labels
        && labels.All(l => l.Length > 0 && l.All(char.IsAsciiLetterLower));

    private static void Require(string? value, string field, int maxLength, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, "Required.");
        }
        else if (value.Trim().Length > maxLength)
        {
            errors.Add(field, $"At most {maxLength} characters.");
        }
        else
        {
            PlainText.Check(value, field, errors);
        }
    }

    /// <summary>A key with a forbidden character refers to nothing, and is reported before it reaches a query.</summary>
    private static void PlainKeys(IEnumerable<string?>? keys, string field, FieldErrors errors)
    {
        if (keys?.Any(k => !PlainText.IsValid(k)) == true)
        {
            errors.Add(field, PlainText.Problem);
        }
    }

    /// <summary>A list of codes or slugs names each one; an empty or null entry refers to nothing.</summary>
    private static void NoBlankKeys(IReadOnlyList<string>? keys, string field, string message, FieldErrors errors)
    {
        if (keys?.Any(string.IsNullOrWhiteSpace) == true)
        {
            errors.Add(field, message);
        }
    }

    private static void CheckDate(DateOnly? date, string field, FieldErrors errors)
    {
        if (date is { } d && (d < EarliestDate || d > LatestDate))
        {
            errors.Add(field, $"Give a date between {EarliestDate:yyyy-MM-dd} and {LatestDate:yyyy-MM-dd}.");
        }
    }
}
