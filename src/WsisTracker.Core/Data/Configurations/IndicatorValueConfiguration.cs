using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WsisTracker.Core.Common;
using WsisTracker.Core.Countries;
using WsisTracker.Core.Indicators;

namespace WsisTracker.Core.Data.Configurations;

public sealed class IndicatorValueConfiguration : IEntityTypeConfiguration<IndicatorValue>
{
    public void Configure(EntityTypeBuilder<IndicatorValue> builder)
    {
        builder.HasKey(v => new { v.IndicatorCode, v.CountryIso3, v.Year });
        builder.Property(v => v.IndicatorCode).HasMaxLength(Limits.IndicatorCode);
        builder.Property(v => v.CountryIso3).HasMaxLength(Limits.CountryCode).IsFixedLength();
        builder.HasOne<Indicator>().WithMany().HasForeignKey(v => v.IndicatorCode).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Country>().WithMany().HasForeignKey(v => v.CountryIso3).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(v => v.CountryIso3);
    }
}
