package org.happserve.local; public final class LocalMain { public static void main(String[] a) {} }
