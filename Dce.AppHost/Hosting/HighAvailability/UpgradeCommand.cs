using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dce.AppHost.Hosting.HighAvailability;

/// <summary>The dashboard's "Upgrade" command on replica 0 of a module: the same rolling upgrade as <c>./build.sh upgrade</c>.</summary>
internal static class UpgradeCommand
{
    public static IResourceBuilder<ProjectResource> WithUpgradeCommand(this IResourceBuilder<ProjectResource> module) =>
        module.WithCommand("upgrade", "Upgrade", async context =>
        {
            var upgrade = context.Services.GetRequiredService<RollingUpgrade>();
            try
            {
                await upgrade.RunAsync(module.Resource.Name, UpgradeId.New(), step => context.Logger.LogInformation("{Step}", step), context.CancellationToken);
                return CommandResults.Success();
            }
            catch (InvalidOperationException failure)
            {
                return CommandResults.Failure(failure.Message);
            }
        }, new CommandOptions { Description = "Builds the module again and replaces its replicas one by one", IconName = "ArrowSync" });
}
