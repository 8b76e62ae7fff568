using System.Net;
using Dce.GlobalManagement.Services.Access;
using Dce.GlobalManagement.Services.Audit;
using Dce.Testing;
using Dce.Testing.Hosts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dce.GlobalManagement.Tests;

/// <summary>Two replicas of the module on one database, one Redis database and one queue.</summary>
public sealed class ReplicaTests
{
    private const string Me = "/apis/ghippo.io/v1alpha1/current-user";

    [Fact]
    public async Task Two_replicas_starting_together_create_one_administrator_one_set_of_roles_and_one_signing_key()
    {
        var first = new GlobalManagementHost { MinimumLogLevel = LogLevel.Warning };
        await first.InitializeAsync();
        var second = first.Replica();
        try
        {
            await Task.WhenAll(Task.Run(() => first.Services), Task.Run(() => second.Services));
            var fromFirst = await first.LoginAsync(GlobalManagementHost.AdminName, GlobalManagementHost.AdminPassword);
            var fromSecond = await second.LoginAsync(GlobalManagementHost.AdminName, GlobalManagementHost.AdminPassword);

            await using var db = first.Database();
            Assert.Equal(1, await db.SigningKeys.CountAsync());
            Assert.Equal(1, await db.Users.CountAsync());
            Assert.Equal(BuiltInRoles.All.Count, await db.Roles.CountAsync(r => r.BuiltIn));
            Assert.Equal(HttpStatusCode.OK, (await second.ClientWithToken(fromFirst).GetAsync(Me)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await first.ClientWithToken(fromSecond).GetAsync(Me)).StatusCode);
        }
        finally
        {
            await second.DisposeAsync();
            await first.DisposeAsync();
        }
    }

    [Fact]
    public async Task Audit_retention_runs_on_one_replica_and_moves_to_the_other_when_it_stops()
    {
        var first = new GlobalManagementHost { MinimumLogLevel = LogLevel.Warning };
        await first.InitializeAsync();
        var second = first.Replica();
        try
        {
            _ = first.Services;
            _ = second.Services;
            bool Holds(GlobalManagementHost host) => host.Service<AuditRetention>().Holding;
            await Eventually.Until(() => Holds(first) || Holds(second), "one replica holds the audit retention lease");
            Assert.False(Holds(first) && Holds(second));

            var (holder, other) = Holds(first) ? (first, second) : (second, first);
            await holder.DisposeAsync();

            await Eventually.Until(() => Holds(other), "the remaining replica takes the audit retention lease");
        }
        finally
        {
            await second.DisposeAsync();
            await first.DisposeAsync();
        }
    }
}
