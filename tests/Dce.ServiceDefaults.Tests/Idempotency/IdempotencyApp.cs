using System.Security.Claims;
using Dce.ServiceDefaults.Idempotency;
using Dce.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dce.ServiceDefaults.Tests.Idempotency;

/// <summary>
/// A service with the defaults, a real PostgreSQL database and order-writing endpoints; the caller's subject comes
/// from the <c>X-Subject</c> header (none: anonymous).
/// </summary>
public sealed class IdempotencyApp : IAsyncLifetime
{
    public const string SubjectHeader = "X-Subject";
    public const string SecretValue = "s3cr3t-shown-once";

    private WebApplication _app = null!;

    public HttpClient Client { get; private set; } = null!;

    public ManualClock Clock { get; } = new();

    /// <summary>Holds <c>/orders/gated</c> requests until two arrived, so both pass the lookup before either saves.</summary>
    public TwoArrivals Arrivals { get; set; } = new();

    /// <summary>Holds <c>/orders/gated</c> requests after their save until the test opens it.</summary>
    public TaskCompletionSource AfterSave { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task InitializeAsync()
    {
        var postgres = await SharedMiddleware.PostgresAsync();
        var connectionString = await postgres.CreateDatabaseAsync($"idem_{Guid.NewGuid():N}");
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.Services.AddDbContext<OrdersContext>(options => options.UseNpgsql(connectionString));
        builder.AddIdempotency<OrdersContext>();
        _app = builder.Build();
        _app.Use((http, next) =>
        {
            if (http.Request.Headers[SubjectHeader].ToString() is { Length: > 0 } subject)
            {
                http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", subject)], "test"));
            }

            return next(http);
        });
        _app.UseIdempotentRequests();
        MapOrders(_app);

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OrdersContext>().Database.EnsureCreatedAsync();
        }

        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public async Task<T> WithContextAsync<T>(Func<OrdersContext, Task<T>> use)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<OrdersContext>());
    }

    internal IdempotencyRetention<OrdersContext> Retention => _app.Services.GetRequiredService<IdempotencyRetention<OrdersContext>>();

    private void MapOrders(WebApplication app)
    {
        app.MapPost("/orders", async (NewOrder order, OrdersContext db) =>
        {
            if (string.IsNullOrWhiteSpace(order.Name))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["A name is required."] });
            }

            var saved = db.Orders.Add(new Order { Name = order.Name }).Entity;
            await db.SaveChangesAsync();
            return Results.Created($"/orders/{saved.Id}", saved);
        });

        app.MapPost("/orders/gated", async (NewOrder order, OrdersContext db) =>
        {
            await Arrivals.ArriveAsync();
            var saved = db.Orders.Add(new Order { Name = order.Name }).Entity;
            await db.SaveChangesAsync();
            await AfterSave.Task;
            return Results.Created($"/orders/{saved.Id}", saved);
        });

        app.MapPost("/orders/secret", async (NewOrder order, OrdersContext db) =>
        {
            db.Orders.Add(new Order { Name = order.Name });
            await db.SaveChangesAsync();
            return Results.Ok(new { secret = SecretValue });
        }).KeepsNoIdempotentResponse();

        app.MapPost("/orders/unavailable", async (NewOrder order, IServiceScopeFactory scopes) =>
        {
            // What an audit trail does for a call that failed before its effect: the outcome saved through a scope of its
            // own, without claiming the key.
            using var withheld = IdempotencyKeyClaim.Withhold();
            await using var outcome = scopes.CreateAsyncScope();
            var notes = outcome.ServiceProvider.GetRequiredService<OrdersContext>();
            notes.Orders.Add(new Order { Name = $"outcome-of-{order.Name}" });
            await notes.SaveChangesAsync();
            throw new InvalidOperationException("a dependency was unavailable before the order was saved");
        });

        app.MapPost("/orders/failing", async (NewOrder order, OrdersContext db) =>
        {
            db.Orders.Add(new Order { Name = order.Name });
            await db.SaveChangesAsync();
            throw new InvalidOperationException("failed after saving");
        });
    }

    public sealed record NewOrder(string Name);

    public sealed class Order
    {
        public int Id { get; set; }

        public required string Name { get; set; }
    }

    public sealed class OrdersContext(DbContextOptions<OrdersContext> options) : DbContext(options)
    {
        public DbSet<Order> Orders => Set<Order>();

        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddIdempotentRequests();
    }

    /// <summary>A clock the tests move forward.</summary>
    public sealed class ManualClock : TimeProvider
    {
        private TimeSpan _advanced;

        public void Advance(TimeSpan by) => _advanced += by;

        public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + _advanced;
    }

    /// <summary>Lets callers through once two have arrived.</summary>
    public sealed class TwoArrivals
    {
        private readonly TaskCompletionSource _both = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public Task ArriveAsync()
        {
            if (Interlocked.Increment(ref _arrived) >= 2)
            {
                _both.TrySetResult();
            }

            return _both.Task;
        }
    }
}
