using Dce.EventBus.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dce.EventBus.Tests.Publisher;

/// <summary>The publishing module of the tests: orders, each saved with an <see cref="OrderPlaced"/> event.</summary>
public sealed class OrdersDbContext(DbContextOptions<OrdersDbContext> options) : DbContext(options)
{
    public DbSet<Order> Orders => Set<Order>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Order>().ToTable("orders");
        modelBuilder.AddEventBusTables();
    }
}

public sealed class Order
{
    public Guid Id { get; set; }

    public int Number { get; set; }
}
