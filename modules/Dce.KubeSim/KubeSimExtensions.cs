using Dce.KubeSim.Admin;
using Dce.KubeSim.Api;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Serving;
using Dce.KubeSim.Persistence;
using Dce.KubeSim.Simulation;
using Dce.KubeSim.Tls;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Dce.KubeSim;

/// <summary>Wires the simulated clusters into a web application.</summary>
public static class KubeSimExtensions
{
    /// <summary>Registers the cluster registry, the controllers' host and the <c>KubeSim</c> options.</summary>
    public static TBuilder AddKubeSim<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.Configure<KubeSimOptions>(builder.Configuration.GetSection(KubeSimOptions.Section));
        var certificate = ServingCertificate.LoadOrCreate(builder.Configuration[$"{KubeSimOptions.Section}:{nameof(KubeSimOptions.StateDirectory)}"]);
        builder.Services.AddSingleton(certificate);
        builder.Services.Configure<KestrelServerOptions>(kestrel =>
            kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate ??= certificate.Certificate));
        builder.Services.AddSingleton<ClusterPersistence>();
        builder.Services.AddSingleton<ClusterRegistry>();
        builder.Services.AddSingleton<ClusterPortBook>();
        builder.Services.AddSingleton<ClusterListeners>();
        builder.Services.AddSingleton<ClusterHost>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ClusterHost>());
        return builder;
    }

    /// <summary>Maps the Kubernetes API under <c>/clusters/{name}/</c> and the failure controls under <c>/sim</c>.</summary>
    public static WebApplication MapKubeSim(this WebApplication app)
    {
        app.MapKubernetesApi();
        app.MapAdminApi();
        return app;
    }
}
