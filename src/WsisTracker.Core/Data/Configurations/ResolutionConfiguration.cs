using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WsisTracker.Core.Common;
using WsisTracker.Core.Resolutions;

namespace WsisTracker.Core.Data.Configurations;

public sealed class ResolutionConfiguration : IEntityTypeConfiguration<Resolution>
{
    public void Configure(EntityTypeBuilder<Resolution> builder)
    {
        builder.Property(r => r.Symbol).HasMaxLength(Limits.Symbol);
        builder.Property(r => r.Slug).HasMaxLength(Limits.Symbol);
        builder.Property(r => r.Title).HasMaxLength(Limits.Title);
        builder.Property(r => r.Session).HasMaxLength(Limits.ShortText);
        builder.Property(r => r.Meeting).HasMaxLength(Limits.ShortText);
        builder.Property(r => r.Language).HasMaxLength(Limits.Language);
        builder.HasIndex(r => r.Symbol).IsUnique();
        builder.HasIndex(r => r.Slug).IsUnique();
        builder.HasMany(r => r.Sections).WithOne().HasForeignKey(s => s.ResolutionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Paragraphs).WithOne(p => p.Resolution).HasForeignKey(p => p.ResolutionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Footnotes).WithOne().HasForeignKey(f => f.ResolutionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Annexes).WithOne().HasForeignKey(a => a.ResolutionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class AnnexConfiguration : IEntityTypeConfiguration<Annex>
{
    public void Configure(EntityTypeBuilder<Annex> builder)
    {
        builder.ToTable("annexes");
        builder.Property(a => a.Key).HasMaxLength(Limits.PartKey);
        builder.Property(a => a.Label).HasMaxLength(Limits.ShortText);
        builder.Property(a => a.Title).HasMaxLength(Limits.Title);
        builder.HasIndex(a => new { a.ResolutionId, a.Order }).IsUnique();
        builder.HasIndex(a => new { a.ResolutionId, a.Key }).IsUnique();
    }
}

public sealed class SectionConfiguration : IEntityTypeConfiguration<Section>
{
    public void Configure(EntityTypeBuilder<Section> builder)
    {
        builder.Property(s => s.Number).HasMaxLength(Limits.SectionNumber);
        builder.Property(s => s.Title).HasMaxLength(Limits.Title);
        builder.Property(s => s.Part).HasMaxLength(Limits.PartKey);
        builder.HasIndex(s => new { s.ResolutionId, s.Order }).IsUnique();
    }
}

public sealed class ParagraphConfiguration : IEntityTypeConfiguration<Paragraph>
{
    /// <summary>Sub-paragraphs are stored as one jsonb array per paragraph: they are read and written only with it, never queried alone.</summary>
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<Paragraph> builder)
    {
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Text).HasMaxLength(Limits.ParagraphText);
        builder.Property(p => p.MentionedActionLines);
        builder.HasGeneratedTsVectorColumn(p => p.SearchVector!, "english", p => new { p.Text }).HasIndex(p => p.SearchVector).HasMethod("GIN");
        builder.HasIndex(p => new { p.ResolutionId, p.Order }).IsUnique();
        builder.Property(p => p.Part).HasMaxLength(Limits.PartKey);
        builder.HasIndex(p => new { p.ResolutionId, p.Number }).IsUnique().HasFilter("number IS NOT NULL AND part IS NULL");
        builder.HasIndex(p => new { p.ResolutionId, p.Part, p.Number }).IsUnique().HasFilter("number IS NOT NULL AND part IS NOT NULL");
        builder.Property(p => p.SubParagraphs)
            .HasColumnType("jsonb")
            .HasDefaultValueSql("'[]'::jsonb")
            .HasConversion(
                v => JsonSerializer.Serialize(v, JsonOptions),
                v => JsonSerializer.Deserialize<List<SubParagraph>>(v, JsonOptions) ?? new List<SubParagraph>(),
                new ValueComparer<List<SubParagraph>>(
                    (a, b) => JsonSerializer.Serialize(a, JsonOptions) == JsonSerializer.Serialize(b, JsonOptions),
                    v => JsonSerializer.Serialize(v, JsonOptions).GetHashCode(StringComparison.Ordinal),
                    v => JsonSerializer.Deserialize<List<SubParagraph>>(JsonSerializer.Serialize(v, JsonOptions), JsonOptions)!));
        builder.HasOne(p => p.Section).WithMany().HasForeignKey(p => p.SectionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.FootnoteReferences).WithOne().HasForeignKey(r => r.ParagraphId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class FootnoteReferenceConfiguration : IEntityTypeConfiguration<FootnoteReference>
{
    public void Configure(EntityTypeBuilder<FootnoteReference> builder)
    {
        builder.ToTable("footnote_references");
        builder.HasKey(r => new { r.ParagraphId, r.Position });
        builder.HasOne(r => r.Footnote).WithMany().HasForeignKey(r => r.FootnoteId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class FootnoteConfiguration : IEntityTypeConfiguration<Footnote>
{
    public void Configure(EntityTypeBuilder<Footnote> builder)
    {
        builder.Property(f => f.Text).HasMaxLength(Limits.FootnoteText);
        builder.HasIndex(f => new { f.ResolutionId, f.Number }).IsUnique();
    }
}
