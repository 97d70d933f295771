package dev.cmsf.cli;

public class Main { public static void main(String[] a) {} }
