using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WsisTracker.Core.Common;
using WsisTracker.Core.Countries;

namespace WsisTracker.Core.Data.Configurations;

public sealed class CountryConfiguration : IEntityTypeConfiguration<Country>
{
    public void Configure(EntityTypeBuilder<Country> builder)
    {
        builder.HasKey(c => c.Iso3);
        builder.Property(c => c.Iso3).HasMaxLength(Limits.CountryCode).IsFixedLength();
        builder.Property(c => c.Iso2).HasMaxLength(2).IsFixedLength();
        builder.Property(c => c.M49).HasMaxLength(Limits.M49Code).IsFixedLength();
        builder.Property(c => c.NameEn).HasMaxLength(Limits.ShortText);
        builder.Property(c => c.NameFr).HasMaxLength(Limits.ShortText);
        builder.Property(c => c.NameEs).HasMaxLength(Limits.ShortText);
        builder.Property(c => c.NameAr).HasMaxLength(Limits.ShortText);
        builder.Property(c => c.NameZh).HasMaxLength(Limits.ShortText);
        builder.Property(c => c.NameRu).HasMaxLength(Limits.ShortText);
        builder.Property(c => c.RegionCode).HasMaxLength(Limits.M49Code).IsFixedLength();
        builder.Property(c => c.SubRegionCode).HasMaxLength(Limits.M49Code).IsFixedLength();
        builder.Property(c => c.IntermediateRegionCode).HasMaxLength(Limits.M49Code).IsFixedLength();
        builder.HasIndex(c => c.M49).IsUnique();
        builder.HasIndex(c => c.Iso2).IsUnique();
        builder.HasOne<Region>().WithMany().HasForeignKey(c => c.RegionCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Region>().WithMany().HasForeignKey(c => c.SubRegionCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Region>().WithMany().HasForeignKey(c => c.IntermediateRegionCode).OnDelete(DeleteBehavior.Restrict);
    }
}
