using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WsisTracker.Core.Common;
using WsisTracker.Core.Countries;

namespace WsisTracker.Core.Data.Configurations;

public sealed class GroupingConfiguration : IEntityTypeConfiguration<Grouping>
{
    public void Configure(EntityTypeBuilder<Grouping> builder)
    {
        builder.HasKey(g => g.Code);
        builder.Property(g => g.Code).HasMaxLength(Limits.GroupingCode);
        builder.Property(g => g.Name).HasMaxLength(Limits.ShortText);
        builder.Property(g => g.Source).HasMaxLength(Limits.SourceNotes);
    }
}
