using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WsisTracker.Core.RateLimiting;

namespace WsisTracker.Core.Data.Configurations;

public sealed class RateLimitWindowConfiguration : IEntityTypeConfiguration<RateLimitWindow>
{
    public void Configure(EntityTypeBuilder<RateLimitWindow> builder)
    {
        // Unlogged: counters need no WAL; a crash empties them (every window starts afresh) and standbys never see them
        // (only the primary, where writes go, counts).
        builder.ToTable("rate_limit_windows").IsUnlogged();
        builder.HasKey(w => w.PartitionKey);
        builder.Property(w => w.PartitionKey).HasMaxLength(RateLimitWindow.PartitionKeyMaxLength);
        // What the clean-up deletes: the windows closed longest ago.
        builder.HasIndex(w => w.ExpiresAt);
    }
}
