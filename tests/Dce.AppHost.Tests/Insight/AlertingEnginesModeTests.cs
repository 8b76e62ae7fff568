using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Dce.AppHost.Hosting;
using Dce.LocalServers;
using Microsoft.Extensions.DependencyInjection;

namespace Dce.AppHost.Tests.Insight;

/// <summary>The graph built with middleware in containers (nothing is started): Insight's alerting engines still run, from the OS packages.</summary>
public sealed class AlertingEnginesModeTests
{
    [Fact]
    public async Task Beside_middleware_in_containers_vmalert_and_alertmanager_run_from_the_os_packages_and_insight_writes_their_rules()
    {
        Assert.True(VmAlertServerRecipe.IsInstalled && AlertmanagerServerRecipe.IsInstalled, "build.sh installs victoria-metrics and prometheus-alertmanager");
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Dce_AppHost>(["--Dce:Middleware:Mode=container", "--Dce:Middleware:Ephemeral=true"]);
        await using var app = await builder.BuildAsync();
        var resources = app.Services.GetRequiredService<DistributedApplicationModel>().Resources;
        var insight = resources.OfType<ProjectResource>().Single(r => r.Name == "insight");

        var context = new EnvironmentCallbackContext(app.Services.GetRequiredService<DistributedApplicationExecutionContext>(), resource: insight);
        foreach (var callback in insight.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }

        Assert.IsType<LocalServerResource>(resources.Single(r => r.Name == "vmalert"));
        Assert.IsType<LocalServerResource>(resources.Single(r => r.Name == "alertmanager"));
        Assert.IsNotType<LocalServerResource>(resources.Single(r => r.Name == "metrics"));
        Assert.True(context.EnvironmentVariables.ContainsKey("Insight__Alerting__RulesFolder"), "Insight writes vmalert's rule files");
    }
}
