using System.Text.Json;
using Dce.ContainerManagement.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dce.ContainerManagement.Infrastructure.Configurations;

internal sealed class ClusterConfiguration : IEntityTypeConfiguration<Cluster>
{
    public void Configure(EntityTypeBuilder<Cluster> builder)
    {
        builder.ToTable("clusters");
        builder.HasKey(c => c.Name);
        builder.Property(c => c.Name).HasMaxLength(63);
        builder.Property(c => c.Alias).HasMaxLength(128);
        builder.Property(c => c.Provider).HasMaxLength(32);
        builder.Property(c => c.Region).HasMaxLength(64);
        builder.Property(c => c.Zone).HasMaxLength(64);
        builder.Property(c => c.Labels).HasColumnType("jsonb").HasConversion(
            labels => JsonSerializer.Serialize(labels, JsonSerializerOptions.Default),
            json => JsonSerializer.Deserialize<Dictionary<string, string>>(json, JsonSerializerOptions.Default) ?? new Dictionary<string, string>(),
            new ValueComparer<Dictionary<string, string>>(
                (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                labels => labels.Aggregate(0, (hash, pair) => HashCode.Combine(hash, pair.Key, pair.Value)),
                labels => new Dictionary<string, string>(labels)));
        builder.Property(c => c.Phase).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.PhaseMessage).HasMaxLength(1024);
        builder.Property(c => c.KubernetesVersion).HasMaxLength(64);
        builder.Property(c => c.Incarnation).HasDefaultValueSql($"nextval('{ClusterIncarnations.Sequence}')").ValueGeneratedNever();
    }
}

internal sealed class ImportedKubeconfigConfiguration : IEntityTypeConfiguration<ImportedKubeconfig>
{
    public void Configure(EntityTypeBuilder<ImportedKubeconfig> builder)
    {
        builder.ToTable("imported_kubeconfigs");
        builder.HasKey(i => i.Name);
        builder.Property(i => i.Name).HasMaxLength(63);
    }
}
