using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dce.ServiceDefaults.Http;

/// <summary>One configuration of forwarded headers for every module and the gateway: only configured proxies are believed.</summary>
public static class ForwardedHeadersExtensions
{
    private const string FrameworkSwitch = "FORWARDEDHEADERS_ENABLED";

    /// <summary>Configures <see cref="ForwardedHeadersOptions"/> from <see cref="ForwardedHeadersTrust"/> (<c>Dce:ForwardedHeaders</c>).</summary>
    public static TBuilder AddForwardedHeadersTrust<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // The host's own switch (ASPNETCORE_FORWARDEDHEADERS_ENABLED, which Aspire sets for every project) would add a second
        // middleware that believes any sender: the services apply forwarded headers once, with this trust, themselves.
        builder.Configuration[FrameworkSwitch] = "false";
        builder.Services.AddOptions<ForwardedHeadersTrust>().Bind(builder.Configuration.GetSection(ForwardedHeadersTrust.Section));
        builder.Services.AddOptions<ForwardedHeadersOptions>()
            .Configure<IOptions<ForwardedHeadersTrust>>((options, trust) => Apply(options, trust.Value));
        return builder;
    }

    private static void Apply(ForwardedHeadersOptions options, ForwardedHeadersTrust trust)
    {
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var proxy in trust.KnownProxies)
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        foreach (var network in trust.KnownNetworks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }

        if (trust.TrustLoopback)
        {
            options.KnownIPNetworks.Add(new System.Net.IPNetwork(IPAddress.Loopback, 8));
            options.KnownProxies.Add(IPAddress.IPv6Loopback);
        }

        // With both lists empty the middleware would believe anyone: then no header is read at all.
        options.ForwardedHeaders = options.KnownIPNetworks.Count == 0 && options.KnownProxies.Count == 0
            ? ForwardedHeaders.None
            : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
    }
}
