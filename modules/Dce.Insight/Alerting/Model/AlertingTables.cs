using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dce.Insight.Alerting.Model;

internal sealed class AlertGroupConfiguration : IEntityTypeConfiguration<AlertGroup>
{
    public void Configure(EntityTypeBuilder<AlertGroup> group)
    {
        group.ToTable("alert_groups");
        group.HasKey(g => g.Id);
        group.HasIndex(g => new { g.ClusterName, g.Name }).IsUnique();
        group.Property(g => g.Name).HasMaxLength(63);
        group.Property(g => g.ClusterName).HasMaxLength(253);
        group.Property(g => g.Namespace).HasMaxLength(63);
        group.Property(g => g.NotificationTemplate).HasMaxLength(63);
        group.Property(g => g.Receivers).HasColumnType("text[]");
        group.HasMany(g => g.Rules).WithOne().HasForeignKey(r => r.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AlertRuleConfiguration : IEntityTypeConfiguration<AlertRule>
{
    public void Configure(EntityTypeBuilder<AlertRule> rule)
    {
        rule.ToTable("alert_rules");
        rule.HasKey(r => new { r.GroupId, r.Name });
        rule.Property(r => r.Name).HasMaxLength(63);
        rule.Property(r => r.Duration).HasMaxLength(32);
        rule.Property(r => r.Severity).HasMaxLength(16);
        rule.Property(r => r.Labels).AsJson();
        rule.Property(r => r.Annotations).AsJson();
    }
}

internal sealed class AlertRecordConfiguration : IEntityTypeConfiguration<AlertRecord>
{
    public void Configure(EntityTypeBuilder<AlertRecord> alert)
    {
        alert.ToTable("alerts");
        alert.HasKey(a => a.Id);
        alert.HasIndex(a => new { a.Fingerprint, a.StartsAt }).IsUnique();
        alert.HasIndex(a => new { a.Status, a.ClusterName });
        alert.Property(a => a.Fingerprint).HasMaxLength(64);
        alert.Property(a => a.Status).HasMaxLength(16);
        alert.Property(a => a.Labels).AsJson();
        alert.Property(a => a.Annotations).AsJson();
    }
}

internal sealed class AlertDeliveryConfiguration : IEntityTypeConfiguration<AlertDelivery>
{
    public void Configure(EntityTypeBuilder<AlertDelivery> delivery)
    {
        delivery.ToTable("alert_deliveries");
        delivery.HasKey(d => d.Id);
        delivery.HasIndex(d => new { d.AlertId, d.Receiver, d.Status }).IsUnique();
        delivery.HasIndex(d => d.NextAttemptAt).HasFilter("\"DeliveredAt\" IS NULL");
    }
}

internal sealed class AlertReceiverConfiguration : IEntityTypeConfiguration<AlertReceiver>
{
    public void Configure(EntityTypeBuilder<AlertReceiver> receiver)
    {
        receiver.ToTable("alert_receivers");
        receiver.HasKey(r => r.Name);
        receiver.Property(r => r.Name).HasMaxLength(63);
    }
}

internal static class JsonColumn
{
    /// <summary>Stores a label map as jsonb.</summary>
    public static PropertyBuilder<Dictionary<string, string>> AsJson(this PropertyBuilder<Dictionary<string, string>> property) =>
        property.HasColumnType("jsonb").HasConversion(
            map => JsonSerializer.Serialize(map, JsonSerializerOptions.Default),
            json => JsonSerializer.Deserialize<Dictionary<string, string>>(json, JsonSerializerOptions.Default) ?? new Dictionary<string, string>(),
            new ValueComparer<Dictionary<string, string>>(
                (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                map => map.Aggregate(0, (hash, pair) => HashCode.Combine(hash, pair.Key.GetHashCode(StringComparison.Ordinal), pair.Value.GetHashCode(StringComparison.Ordinal))),
                map => new Dictionary<string, string>(map)));
}

internal sealed class MessageTemplateConfiguration : IEntityTypeConfiguration<MessageTemplate>
{
    public void Configure(EntityTypeBuilder<MessageTemplate> template)
    {
        template.ToTable("alert_message_templates");
        template.HasKey(t => t.Name);
        template.Property(t => t.Name).HasMaxLength(63);
    }
}
