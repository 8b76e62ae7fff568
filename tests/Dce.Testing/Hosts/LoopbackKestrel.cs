using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dce.Testing.Hosts;

/// <summary>Starts a module's own Program on Kestrel at a free loopback port, as the platform runs it.</summary>
public static class LoopbackKestrel
{
    public static Uri Start<TEntryPoint>(WebApplicationFactory<TEntryPoint> factory) where TEntryPoint : class
    {
        factory.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address);
    }

    /// <summary>As <see cref="Start{TEntryPoint}"/>, over HTTPS with <paramref name="certificate"/>: kubectl sends a bearer token only over TLS.</summary>
    public static Uri StartHttps<TEntryPoint>(WebApplicationFactory<TEntryPoint> factory, X509Certificate2 certificate) where TEntryPoint : class
    {
        factory.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address);
    }
}
