using Dce.Gateway.Routing;
using Dce.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGatewayRouting();

var app = builder.Build();
app.UseForwardedHeaders();
app.UseRequestIds();
app.MapDefaultEndpoints();
app.MapReverseProxy();
app.Run();

/// <summary>Entry point, visible to tests.</summary>
public partial class Program;
