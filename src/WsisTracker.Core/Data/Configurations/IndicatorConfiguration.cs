using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WsisTracker.Core.Common;
using WsisTracker.Core.Indicators;

namespace WsisTracker.Core.Data.Configurations;

public sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> builder)
    {
        builder.HasKey(i => i.Code);
        builder.Property(i => i.Code).HasMaxLength(Limits.IndicatorCode);
        builder.Property(i => i.Name).HasMaxLength(Limits.ShortText);
        builder.Property(i => i.Attribution).HasMaxLength(Limits.SourceNotes);
    }
}
