using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WsisTracker.Core.Accounts;

namespace WsisTracker.Core.Data.Configurations;

/// <summary>A stakeholder with focal points cannot be deleted (restrict); deleting an account drops its links.</summary>
public sealed class StaffUserStakeholderConfiguration : IEntityTypeConfiguration<StaffUserStakeholder>
{
    public void Configure(EntityTypeBuilder<StaffUserStakeholder> builder)
    {
        builder.ToTable("staff_user_stakeholders");
        builder.HasKey(l => new { l.StaffUserId, l.StakeholderId });
        builder.HasIndex(l => l.StakeholderId);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(l => l.StaffUserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(l => l.Stakeholder).WithMany().HasForeignKey(l => l.StakeholderId).OnDelete(DeleteBehavior.Restrict);
    }
}
