namespace Runner.Models; public static class Placeholder {}
