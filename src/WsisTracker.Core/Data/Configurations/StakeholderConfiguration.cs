using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WsisTracker.Core.Common;
using WsisTracker.Core.Stakeholders;

namespace WsisTracker.Core.Data.Configurations;

public sealed class StakeholderConfiguration : IEntityTypeConfiguration<Stakeholder>
{
    public void Configure(EntityTypeBuilder<Stakeholder> builder)
    {
        builder.Property(s => s.Slug).HasMaxLength(Limits.Slug);
        builder.Property(s => s.Name).HasMaxLength(Limits.ShortText);
        builder.Property(s => s.Acronym).HasMaxLength(Limits.Acronym);
        builder.Property(s => s.Group).HasConversion<string>().HasMaxLength(32);
        builder.Property(s => s.CountryCode).HasMaxLength(Limits.CountryCode).IsFixedLength();
        builder.Property(s => s.Website).HasMaxLength(Limits.Url);
        builder.Property(s => s.Version).IsRowVersion();
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_stakeholders_collective_names_no_country", "NOT is_collective OR country_code IS NULL");
            t.HasCheckConstraint("ck_stakeholders_government_names_country", "\"group\" <> 'Governments' OR is_collective OR country_code IS NOT NULL");
        });
        builder.HasIndex(s => s.Slug).IsUnique();
        builder.HasIndex(s => s.Group);
    }
}
