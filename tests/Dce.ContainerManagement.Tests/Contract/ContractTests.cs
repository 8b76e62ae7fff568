using Dce.Testing;
using Xunit.Abstractions;
using Dce.Testing.Contract;

namespace Dce.ContainerManagement.Tests.Contract;

/// <summary>
/// Walks every operation the module serves against a live module and a simulated cluster: DCE's operations must answer
/// in DCE's published shapes with real data, and every route must refuse an outsider. The operations proved are written
/// to <c>TestResults/kpanda-contract.txt</c>, which <c>scripts/contract-count.sh kpanda</c> counts.
/// </summary>
[Trait("Category", "Contract")]
public sealed class ContractTests(PlatformFixture fixture, ITestOutputHelper output) : IClassFixture<PlatformFixture>
{
    /// <summary>The DCE operations proved so far; the walk may only grow.</summary>
    private const int ProvedAtLeast = 248;

    /// <summary>Routes that answer every signed-in caller about themselves, so an outsider gets their own (empty) answer.</summary>
    private static readonly string[] OwnRoutes =
    [
        $"GET {KpandaContract.Root}/rolesummary",
        $"GET {KpandaContract.Root}/globalroles",
    ];

    [Fact]
    public async Task Every_served_operation_answers_in_DCE_shape_and_refuses_an_outsider()
    {
        var platform = fixture.Platform;
        var ns = await fixture.NamespaceAsync();
        var emptyWorkspace = await PlatformAccess.EmptyWorkspaceAsync(platform);
        using var outsider = await PlatformAccess.MemberAsync(platform, emptyWorkspace, ("workloads", "get"));
        using var admin = platform.AdminClient();
        var walk = new ContractWalk(admin, outsider, ContractWalk.RoutesOf(platform.Module.Services, KpandaContract.Root), KpandaContract.Operations);

        var target = new WalkTarget(PlatformFixture.Cluster, ns, fixture);
        var steps = typeof(ContractTests).Assembly.GetTypes()
            .Where(t => typeof(IContractWalkStep).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
            .Select(t => (IContractWalkStep)Activator.CreateInstance(t)!)
            .OrderBy(s => s.Order).ThenBy(s => s.GetType().Name, StringComparer.Ordinal);
        foreach (var step in steps)
        {
            await step.RunAsync(walk, target);
        }

        var proved = walk.PassedOperations.Order(StringComparer.Ordinal).ToList();
        var report = Path.Combine(RepositoryRoot.Path, "TestResults", "kpanda-contract.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(report)!);
        await File.WriteAllLinesAsync(report, proved);
        var unwalked = walk.AllRoutes.Except(walk.SucceededRoutes).Order(StringComparer.Ordinal).ToList();
        output.WriteLine($"{proved.Count} of {KpandaContract.Operations.All.Count} DCE operations proved; {unwalked.Count} routes not walked yet.");
        foreach (var route in unwalked)
        {
            output.WriteLine($"  not walked: {route}");
        }

        var unrefused = walk.AllRoutes.Except(walk.RefusedRoutes).Except(OwnRoutes).Order(StringComparer.Ordinal).ToList();
        foreach (var route in unrefused)
        {
            output.WriteLine($"  never refused: {route}");
        }

        Assert.True(walk.Failures.Count == 0, string.Join(Environment.NewLine, walk.Failures));
        Assert.Empty(unwalked);
        Assert.Empty(unrefused);
        Assert.True(proved.Count >= ProvedAtLeast, $"Only {proved.Count} DCE operations were proved; at least {ProvedAtLeast} were before.");
    }
}
