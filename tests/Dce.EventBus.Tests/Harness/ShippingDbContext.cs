using Dce.EventBus.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dce.EventBus.Tests.Harness;

/// <summary>The consuming module of the tests: one shipment per applied <c>OrderPlaced</c>, no unique key, so a duplicate would show.</summary>
public sealed class ShippingDbContext(DbContextOptions<ShippingDbContext> options) : DbContext(options)
{
    public DbSet<Shipment> Shipments => Set<Shipment>();

    public DbSet<AppliedStep> Steps => Set<AppliedStep>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Shipment>().ToTable("shipments");
        modelBuilder.Entity<AppliedStep>().ToTable("applied_steps");
        modelBuilder.AddEventBusTables();
    }
}

public sealed class Shipment
{
    public long Id { get; set; }

    public Guid OrderId { get; set; }

    public Guid EventId { get; set; }
}
