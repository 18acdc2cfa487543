using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.Common;
using WsisTracker.Core.Email;

namespace WsisTracker.Core.Data.Configurations;

public sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> builder)
    {
        builder.ToTable("staff_users");
        // Accounts made before the setting existed get reminders too. The sentinel is the C# default (true), so EF
        // leaves the column to its default for a new account that keeps reminders on and writes false when it does not.
        builder.Property(u => u.ReceivesReminders).HasDefaultValue(true).HasSentinel(true);
        // Accounts made before the setting existed write in English, as every e-mail did then.
        builder.Property(u => u.Culture).HasMaxLength(Limits.CultureName).HasDefaultValue(MailText.English).HasSentinel(MailText.English);
    }
}
