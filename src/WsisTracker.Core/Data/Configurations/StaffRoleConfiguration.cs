using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WsisTracker.Core.Accounts;

namespace WsisTracker.Core.Data.Configurations;

/// <summary>The roles are part of the schema (seeded by the migration), so every database has them.</summary>
public sealed class StaffRoleConfiguration : IEntityTypeConfiguration<IdentityRole>
{
    public void Configure(EntityTypeBuilder<IdentityRole> builder)
    {
        builder.ToTable("staff_roles");
        builder.HasData(
            new IdentityRole { Id = "administrator", Name = StaffRoles.Administrator, NormalizedName = StaffRoles.Administrator.ToUpperInvariant(), ConcurrencyStamp = "administrator" },
            new IdentityRole { Id = "secretariat", Name = StaffRoles.Secretariat, NormalizedName = StaffRoles.Secretariat.ToUpperInvariant(), ConcurrencyStamp = "secretariat" },
            new IdentityRole { Id = "contributor", Name = StaffRoles.Contributor, NormalizedName = StaffRoles.Contributor.ToUpperInvariant(), ConcurrencyStamp = "contributor" });
    }
}
