using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.Common;
using WsisTracker.Core.Email;

namespace WsisTracker.Core.Data.Configurations;

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.Property(m => m.MessageId).HasMaxLength(Limits.ShortText);
        builder.Property(m => m.Kind).HasMaxLength(Limits.Slug);
        builder.Property(m => m.OnceKey).HasMaxLength(Limits.ShortText);
        builder.Property(m => m.ToAddress).HasMaxLength(Limits.EmailAddress);
        builder.Property(m => m.Subject).HasMaxLength(Limits.ShortText);
        builder.Property(m => m.Body).HasMaxLength(Limits.EmailBody);
        builder.Property(m => m.Reason).HasMaxLength(Limits.Title);
        builder.Property(m => m.ActPath).HasMaxLength(Limits.Url);
        builder.Property(m => m.Culture).HasMaxLength(Limits.CultureName).HasDefaultValue(MailText.English).HasSentinel(MailText.English);
        builder.Property(m => m.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.LastError).HasMaxLength(Limits.Note);
        builder.Property(m => m.LeasedBy).HasMaxLength(Limits.ShortText);
        builder.Property(m => m.Version).IsRowVersion();
        builder.HasIndex(m => m.MessageId).IsUnique();
        builder.HasIndex(m => m.OnceKey).IsUnique();
        // What the dispatcher claims: only messages still to send, in the order they are due.
        builder.HasIndex(m => new { m.NextAttemptAt, m.Id }).HasFilter("state IN ('Pending', 'Sending')");
        builder.HasIndex(m => m.CreatedAt);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(m => m.RecipientUserId).OnDelete(DeleteBehavior.SetNull);
    }
}
