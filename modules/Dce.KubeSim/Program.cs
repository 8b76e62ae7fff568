using Dce.KubeSim;
using Dce.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddKubeSim();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapKubeSim();
app.Run();
