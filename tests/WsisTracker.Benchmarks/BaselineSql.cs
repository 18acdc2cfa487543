namespace WsisTracker.Benchmarks;

/// <summary>
/// The baseline's SQL: the statements the product sends for each benchmarked request, copied as EF Core writes them
/// (aliases, parameter names and layout included), so that the baseline measures the same database work with raw
/// Npgsql. <c>BaselineSqlTests</c> in the integration tests captures what the product sends and fails, naming the
/// statement and printing the product's text to paste here, when the two differ in shape.
/// </summary>
public static class BaselineSql
{
    /// <summary>The list's <c>totalCount</c>.</summary>
    public const string Count = """
        SELECT count(*)::int
        FROM commitments AS c
        WHERE NOT (c.is_voluntary) OR c.published_at IS NOT NULL
        """;

    /// <summary>The first page of commitments.</summary>
    public const string FirstPageRows = """
        SELECT c.id, c.code, c.title, c.status, c.progress_percent, c.target_date, c.reporting_cadence, c.is_synthetic, c.withdrawn_at, c.updated_at, c.is_voluntary, c.last_progress_as_of, c.created_at, c.scope_kind, c.scope_regions, c.scope_countries
        FROM commitments AS c
        WHERE NOT (c.is_voluntary) OR c.published_at IS NOT NULL
        ORDER BY c.id
        LIMIT @p
        """;

    /// <summary>The paragraphs of the first page's commitments.</summary>
    public const string FirstPageParagraphs = """
        SELECT s1.symbol, s1.slug, s1.kind, s1.number, s1."order", s1.part, s1.sub_paragraph, c6.id
        FROM (
            SELECT c.id
            FROM commitments AS c
            WHERE NOT (c.is_voluntary) OR c.published_at IS NOT NULL
            ORDER BY c.id
            LIMIT @p
        ) AS c6
        INNER JOIN (
            SELECT r0.symbol, r0.slug, p0.kind, p0.number, p0."order", p0.part, c1.sub_paragraph, c1.commitment_id, r0.adoption_date
            FROM commitment_paragraphs AS c1
            INNER JOIN paragraphs AS p0 ON c1.paragraph_id = p0.id
            INNER JOIN resolutions AS r0 ON p0.resolution_id = r0.id
        ) AS s1 ON c6.id = s1.commitment_id
        ORDER BY c6.id, s1.adoption_date, s1."order"
        """;

    /// <summary>The action lines of the first page's commitments.</summary>
    public const string FirstPageActionLines = """
        SELECT s2.code, c7.id
        FROM (
            SELECT c.id
            FROM commitments AS c
            WHERE NOT (c.is_voluntary) OR c.published_at IS NOT NULL
            ORDER BY c.id
            LIMIT @p
        ) AS c7
        INNER JOIN (
            SELECT a0.code, c3.commitment_id, a0."order"
            FROM commitment_action_lines AS c3
            INNER JOIN action_lines AS a0 ON c3.action_line_id = a0.id
        ) AS s2 ON c7.id = s2.commitment_id
        ORDER BY c7.id, s2."order"
        """;

    /// <summary>The stakeholders of the first page's commitments.</summary>
    public const string FirstPageStakeholders = """
        SELECT s3.stakeholder_id, s3.slug, s3.name, s3.acronym, s3."group", s3.role, c8.id
        FROM (
            SELECT c.id
            FROM commitments AS c
            WHERE NOT (c.is_voluntary) OR c.published_at IS NOT NULL
            ORDER BY c.id
            LIMIT @p
        ) AS c8
        INNER JOIN (
            SELECT c5.stakeholder_id, s0.slug, s0.name, s0.acronym, s0."group", c5.role, c5.commitment_id
            FROM commitment_stakeholders AS c5
            INNER JOIN stakeholders AS s0 ON c5.stakeholder_id = s0.id
        ) AS s3 ON c8.id = s3.commitment_id
        ORDER BY c8.id, s3.role, s3.name
        """;

    /// <summary>A page after a cursor (<c>@p_Id</c>, the last id seen) of commitments.</summary>
    public const string AfterPageRows = """
        SELECT c.id, c.code, c.title, c.status, c.progress_percent, c.target_date, c.reporting_cadence, c.is_synthetic, c.withdrawn_at, c.updated_at, c.is_voluntary, c.last_progress_as_of, c.created_at, c.scope_kind, c.scope_regions, c.scope_countries
        FROM commitments AS c
        WHERE (NOT (c.is_voluntary) OR c.published_at IS NOT NULL) AND c.id > @p_Id
        ORDER BY c.id
        LIMIT @p
        """;

    /// <summary>The paragraphs of that page's commitments.</summary>
    public const string AfterPageParagraphs = """
        SELECT s1.symbol, s1.slug, s1.kind, s1.number, s1."order", s1.part, s1.sub_paragraph, c6.id
        FROM (
            SELECT c.id
            FROM commitments AS c
            WHERE (NOT (c.is_voluntary) OR c.published_at IS NOT NULL) AND c.id > @p_Id
            ORDER BY c.id
            LIMIT @p
        ) AS c6
        INNER JOIN (
            SELECT r0.symbol, r0.slug, p0.kind, p0.number, p0."order", p0.part, c1.sub_paragraph, c1.commitment_id, r0.adoption_date
            FROM commitment_paragraphs AS c1
            INNER JOIN paragraphs AS p0 ON c1.paragraph_id = p0.id
            INNER JOIN resolutions AS r0 ON p0.resolution_id = r0.id
        ) AS s1 ON c6.id = s1.commitment_id
        ORDER BY c6.id, s1.adoption_date, s1."order"
        """;

    /// <summary>The action lines of that page's commitments.</summary>
    public const string AfterPageActionLines = """
        SELECT s2.code, c7.id
        FROM (
            SELECT c.id
            FROM commitments AS c
            WHERE (NOT (c.is_voluntary) OR c.published_at IS NOT NULL) AND c.id > @p_Id
            ORDER BY c.id
            LIMIT @p
        ) AS c7
        INNER JOIN (
            SELECT a0.code, c3.commitment_id, a0."order"
            FROM commitment_action_lines AS c3
            INNER JOIN action_lines AS a0 ON c3.action_line_id = a0.id
        ) AS s2 ON c7.id = s2.commitment_id
        ORDER BY c7.id, s2."order"
        """;

    /// <summary>The stakeholders of that page's commitments.</summary>
    public const string AfterPageStakeholders = """
        SELECT s3.stakeholder_id, s3.slug, s3.name, s3.acronym, s3."group", s3.role, c8.id
        FROM (
            SELECT c.id
            FROM commitments AS c
            WHERE (NOT (c.is_voluntary) OR c.published_at IS NOT NULL) AND c.id > @p_Id
            ORDER BY c.id
            LIMIT @p
        ) AS c8
        INNER JOIN (
            SELECT c5.stakeholder_id, s0.slug, s0.name, s0.acronym, s0."group", c5.role, c5.commitment_id
            FROM commitment_stakeholders AS c5
            INNER JOIN stakeholders AS s0 ON c5.stakeholder_id = s0.id
        ) AS s3 ON c8.id = s3.commitment_id
        ORDER BY c8.id, s3.role, s3.name
        """;

    /// <summary>The product alone: the version read first, the key of its cached detail (decision 035). The baseline has no cache and does not run it.</summary>
    public const string DetailVersion = """
        SELECT c.xmin
        FROM commitments AS c
        WHERE c.id = @id AND (@includeProposed OR NOT (c.is_voluntary) OR c.published_at IS NOT NULL)
        LIMIT 2
        """;

    /// <summary>A commitment.</summary>
    public const string Detail = """
        SELECT c.id, c.code, c.title, c.description, c.status, c.progress_percent, c.target_date, c.target_date_text, c.reporting_cadence, c.is_synthetic, c.withdrawn_at, c.withdrawal_reason, c.created_at, c.updated_at, c.xmin, c.is_voluntary, c.is_voluntary AND c.published_at IS NULL, c.proposed_by_stakeholder_id, c.scope_kind, c.scope_regions, c.scope_countries, c.indicator_code IS NULL, c.indicator_code, COALESCE(c.indicator_target, 0.0), COALESCE(c.indicator_target_year, 0), c.last_progress_as_of
        FROM commitments AS c
        WHERE c.id = @id AND (@includeProposed OR NOT (c.is_voluntary) OR c.published_at IS NOT NULL)
        ORDER BY c.id
        LIMIT 2
        """;

    /// <summary>Its paragraphs.</summary>
    public const string DetailParagraphs = """
        SELECT s3.symbol, s3.slug, s3.kind, s3.number, s3."order", s3.text, s3.part, s3.sub_paragraph, c20.id
        FROM (
            SELECT c.id
            FROM commitments AS c
            WHERE c.id = @id AND (@includeProposed OR NOT (c.is_voluntary) OR c.published_at IS NOT NULL)
            ORDER BY c.id
            LIMIT 1
        ) AS c20
        INNER JOIN (
            SELECT r0.symbol, r0.slug, p0.kind, p0.number, p0."order", p0.text, p0.part, c1.sub_paragraph, c1.commitment_id, r0.adoption_date
            FROM commitment_paragraphs AS c1
            INNER JOIN paragraphs AS p0 ON c1.paragraph_id = p0.id
            INNER JOIN resolutions AS r0 ON p0.resolution_id = r0.id
        ) AS s3 ON c20.id = s3.commitment_id
        ORDER BY c20.id, s3.adoption_date, s3."order"
        """;

    /// <summary>Its action lines.</summary>
    public const string DetailActionLines = """
        SELECT s4.code, s4.title, c21.id
        FROM (
            SELECT c.id
            FROM commitments AS c
            WHERE c.id = @id AND (@includeProposed OR NOT (c.is_voluntary) OR c.published_at IS NOT NULL)
            ORDER BY c.id
            LIMIT 1
        ) AS c21
        INNER JOIN (
            SELECT a0.code, a0.title, c3.commitment_id, a0."order"
            FROM commitment_action_lines AS c3
            INNER JOIN action_lines AS a0 ON c3.action_line_id = a0.id
        ) AS s4 ON c21.id = s4.commitment_id
        ORDER BY c21.id, s4."order"
        """;

    /// <summary>Its stakeholders.</summary>
    public const string DetailStakeholders = """
        SELECT s5.stakeholder_id, s5.slug, s5.name, s5.acronym, s5."group", s5.role, c22.id
        FROM (
            SELECT c.id
            FROM commitments AS c
            WHERE c.id = @id AND (@includeProposed OR NOT (c.is_voluntary) OR c.published_at IS NOT NULL)
            ORDER BY c.id
            LIMIT 1
        ) AS c22
        INNER JOIN (
            SELECT c5.stakeholder_id, s0.slug, s0.name, s0.acronym, s0."group", c5.role, c5.commitment_id
            FROM commitment_stakeholders AS c5
            INNER JOIN stakeholders AS s0 ON c5.stakeholder_id = s0.id
        ) AS s5 ON c22.id = s5.commitment_id
        ORDER BY c22.id, s5.role, s5.name
        """;

    /// <summary>Its milestones.</summary>
    public const string DetailMilestones = """
        SELECT m0.title, m0.due_date, m0.completed_date, c23.id
        FROM (
            SELECT c.id
            FROM commitments AS c
            WHERE c.id = @id AND (@includeProposed OR NOT (c.is_voluntary) OR c.published_at IS NOT NULL)
            ORDER BY c.id
            LIMIT 1
        ) AS c23
        INNER JOIN milestones AS m0 ON c23.id = m0.commitment_id
        ORDER BY c23.id, m0."order"
        """;

    /// <summary>Its progress history.</summary>
    public const string DetailProgressHistory = """
        SELECT s6.id, s6.status, s6.progress_percent, s6.note, s6.evidence_links, s6.as_of, s6.name, s6.recorded_at, c24.id
        FROM (
            SELECT c.id
            FROM commitments AS c
            WHERE c.id = @id AND (@includeProposed OR NOT (c.is_voluntary) OR c.published_at IS NOT NULL)
            ORDER BY c.id
            LIMIT 1
        ) AS c24
        INNER JOIN (
            SELECT p2.id, p2.status, p2.progress_percent, p2.note, p2.evidence_links, p2.as_of, s2.name, p2.recorded_at, p2.commitment_id
            FROM progress_updates AS p2
            LEFT JOIN stakeholders AS s2 ON p2.reporting_stakeholder_id = s2.id
        ) AS s6 ON c24.id = s6.commitment_id
        ORDER BY c24.id, s6.as_of DESC, s6.id DESC
        """;

    /// <summary>The commitments it continues.</summary>
    public const string DetailContinues = """
        SELECT s7.earlier_commitment_id, s7.code, s7.title, s7.c, s7.kind, s7.evidence, c25.id
        FROM (
            SELECT c.id
            FROM commitments AS c
            WHERE c.id = @id AND (@includeProposed OR NOT (c.is_voluntary) OR c.published_at IS NOT NULL)
            ORDER BY c.id
            LIMIT 1
        ) AS c25
        INNER JOIN (
            SELECT c9.earlier_commitment_id, c10.code, c10.title, COALESCE((
                SELECT r2.symbol
                FROM commitment_paragraphs AS c11
                INNER JOIN paragraphs AS p4 ON c11.paragraph_id = p4.id
                INNER JOIN resolutions AS r2 ON p4.resolution_id = r2.id
                WHERE c10.id = c11.commitment_id
                LIMIT 1), '') AS c, c9.kind, c9.evidence, c9.commitment_id
            FROM commitment_lineage AS c9
            INNER JOIN commitments AS c10 ON c9.earlier_commitment_id = c10.id
        ) AS s7 ON c25.id = s7.commitment_id
        ORDER BY c25.id
        """;

    /// <summary>The commitments that continue it.</summary>
    public const string DetailContinuedBy = """
        SELECT c16.commitment_id, (
            SELECT c17.code
            FROM commitments AS c17
            WHERE c17.id = c16.commitment_id
            LIMIT 1), (
            SELECT c18.title
            FROM commitments AS c18
            WHERE c18.id = c16.commitment_id
            LIMIT 1), COALESCE((
            SELECT r4.symbol
            FROM commitment_paragraphs AS c19
            INNER JOIN paragraphs AS p6 ON c19.paragraph_id = p6.id
            INNER JOIN resolutions AS r4 ON p6.resolution_id = r4.id
            WHERE c19.commitment_id = c16.commitment_id
            LIMIT 1), ''), c16.kind, c16.evidence, c26.id
        FROM (
            SELECT c.id
            FROM commitments AS c
            WHERE c.id = @id AND (@includeProposed OR NOT (c.is_voluntary) OR c.published_at IS NOT NULL)
            ORDER BY c.id
            LIMIT 1
        ) AS c26
        INNER JOIN commitment_lineage AS c16 ON c26.id = c16.earlier_commitment_id
        ORDER BY c26.id
        """;

    /// <summary>Recording progress: the API key by its hash (the product also stamps <c>last_used_at</c>, at most once a minute a key; not measured).</summary>
    public const string ApiKeyByHash = """
        SELECT a.id, a.created_at, a.key_hash, a.last_used_at, a.name, a.revoked_at, a.role, a.stakeholder_id
        FROM api_keys AS a
        WHERE a.key_hash = @hash AND a.revoked_at IS NULL
        LIMIT 2
        """;

    /// <summary>The commitment, read before the transaction.</summary>
    public const string ProgressCommitment = """
        SELECT c.id, c.code, c.created_at, c.description, c.indicator_code, c.indicator_target, c.indicator_target_year, c.is_synthetic, c.is_voluntary, c.last_progress_as_of, c.progress_percent, c.proposed_by_stakeholder_id, c.published_at, c.reporting_cadence, c.scope_countries, c.scope_kind, c.scope_regions, c.search_vector, c.status, c.target_date, c.target_date_text, c.title, c.updated_at, c.xmin, c.withdrawal_reason, c.withdrawn_at
        FROM commitments AS c
        WHERE (NOT (c.is_voluntary) OR c.published_at IS NOT NULL) AND c.id = @id
        LIMIT 2
        """;

    /// <summary>In the transaction: moves the commitment on its version and appends the update (decision 036).</summary>
    public const string RecordProgress = """
        WITH moved AS (
            UPDATE commitments SET status = @status, progress_percent = @percent, last_progress_as_of = @as_of, updated_at = @now
            WHERE id = @id AND xmin = @version
            RETURNING xmin),
        added AS (
            INSERT INTO progress_updates (commitment_id, status, progress_percent, note, evidence_links, as_of, author, reporting_stakeholder_id, recorded_at)
            SELECT @id, @status, @percent, @note, @links, @as_of, @author, @reporting_stakeholder_id, @now FROM moved
            RETURNING id)
        SELECT added.id, (moved.xmin::text)::bigint AS version FROM added, moved
        """;

    /// <summary>In the transaction: both audit rows and the change notification to the other instances (decision 122).</summary>
    public const string ProgressAudit = """
        INSERT INTO audit_entries (occurred_at, actor, actor_kind, action, entity_type, entity_key, before, after) VALUES (@a0, @a1, @a2, @a3, @a4, @a5, @a6, @a7), (@a8, @a9, @a10, @a11, @a12, @a13, @a14, @a15); SELECT pg_notify('wsis_tracker_changes', @a16)
        """;

    /// <summary>The first page of the commitment list: what the product sends for <c>/api/v1/commitments?limit=N</c>.</summary>
    public static readonly IReadOnlyList<string> FirstPage = [Count, FirstPageRows, FirstPageParagraphs, FirstPageActionLines, FirstPageStakeholders];

    /// <summary>A page after a cursor: what the product sends for <c>/api/v1/commitments?limit=N&amp;cursor=C</c>.</summary>
    public static readonly IReadOnlyList<string> PageAfter = [Count, AfterPageRows, AfterPageParagraphs, AfterPageActionLines, AfterPageStakeholders];

    /// <summary>A commitment's detail, as the baseline runs it (the product sends <see cref="DetailVersion"/> first).</summary>
    public static readonly IReadOnlyList<string> CommitmentDetail = [Detail, DetailParagraphs, DetailActionLines, DetailStakeholders, DetailMilestones, DetailProgressHistory, DetailContinues, DetailContinuedBy];

    /// <summary>Recording progress with a key already stamped this minute.</summary>
    public static readonly IReadOnlyList<string> RecordProgressRequest = [ApiKeyByHash, ProgressCommitment, RecordProgress, ProgressAudit];
}
