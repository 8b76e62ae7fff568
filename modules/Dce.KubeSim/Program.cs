using Dce.ServiceDefaults;

namespace Dce.KubeSim;

/// <summary>The module's entry point; tests host it through <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public sealed class Program
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddKubeSim();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapKubeSim();
        app.Run();
    }
}
